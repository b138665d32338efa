"""The read-only Cypher console: `lexer` (tokens and positions), `text_guard` and `plan_guard`
(what is refused and why), `params` (values typed by a person), `values` (driver values as
JSON), `result` (`ConsoleResult`), `limits` (the settings that bound a query) and `run`
(`run_query`: one read transaction, a watchdog, row and byte caps)."""
