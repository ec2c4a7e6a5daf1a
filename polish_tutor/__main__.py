from polish_tutor.cli import app

app()
