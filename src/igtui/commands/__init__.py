"""One module per `igtui` subcommand: `configure(parser)` and `run(args) -> int`."""
