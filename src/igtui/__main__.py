from igtui.cli.main import main

raise SystemExit(main())
