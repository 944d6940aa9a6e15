"""The command line: `igtui [PATH ...]` opens the reader; `igtui COMMAND` scripts the core.

`main` parses and dispatches; one module per command (`outline`, `cat`, `search`, `notes`,
`export`, `concord`), each with `configure(parser)` and `run(args) -> int`; `common` holds
what they share (CliError, loading, finding a document, output)."""
