"""One sales-deal entity served three ways (Dabble, Flask + SQLModel, Flask + sqlite3) for the records API benchmark."""
