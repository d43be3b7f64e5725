from wikilint.cli import run

run()
