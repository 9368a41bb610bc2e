from tui_reader.launch import run

raise SystemExit(run())
