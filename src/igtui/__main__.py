from igtui.cli import main

raise SystemExit(main())
