"""`dabble worker`: the process that sweeps timed rules (schedules, elapsed times, trends) on PostgreSQL."""

from __future__ import annotations

import logging

import click


@click.command()
@click.option("--once", is_flag=True, help="Sweep once and exit (for cron or a quick check).")
def worker(once: bool) -> None:
    """Sweep the timed rules every DABBLE_RULES_SWEEP_SECONDS until stopped (Ctrl-C or SIGTERM)."""
    from runtime.app import create_app
    from runtime.database import ENGINE_KEY, describe
    from runtime.rules.scheduler import run_worker, sweep_seconds
    from runtime.rules.sweep import sweep

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app()
    database = describe(app.extensions[ENGINE_KEY])["dialect"]
    if once:
        click.echo(f"Dabble worker ({database}): {sweep(app)} rule firing(s).")
        return
    click.echo(f"Dabble worker ({database}): sweeping rules every {sweep_seconds(app)} s; Ctrl-C stops.")
    run_worker(app)
    click.echo("Dabble worker stopped.")
