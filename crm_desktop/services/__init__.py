"""Use cases over a session factory; they return frozen DTOs, never live ORM rows. No Qt."""
