"""Alembic environment: run programmatically by `newstrace.store.db.migrate` with an open
connection in `config.attributes["connection"]` (SQLite or PostgreSQL)."""

from __future__ import annotations

from alembic import context

from newstrace.store.schema import include_name, metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # `alembic` command line: build an engine from the configured URL
        from newstrace.store.db import create_engine_for

        engine = create_engine_for(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _configure(connection)
        return
    _configure(connection)


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
