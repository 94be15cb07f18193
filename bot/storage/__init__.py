"""Product state in a relational database (SQLite or PostgreSQL), schema managed by Alembic."""
