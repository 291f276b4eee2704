"""Alembic environment: always run with a connection handed in by `tending.storage.migrate`.

No alembic.ini is read at run time; the connection comes in `config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context

# Every table module, so target_metadata holds every table the migrations make.
from tending.storage import chat_tables as _chat_tables  # noqa: F401
from tending.storage import session_tables as _session_tables  # noqa: F401
from tending.storage import tables as _tables  # noqa: F401
from tending.storage.metadata import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Tending migrations run through tending.storage.migrate, with a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
