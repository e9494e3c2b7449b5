#!/bin/sh
# Runs once, when the postgres image initialises an empty data directory: creates Tuopin's two roles.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
     -v owner_password="$TUOPIN_DB_OWNER_PASSWORD" -v app_password="$TUOPIN_DB_APP_PASSWORD" \
     -f /tuopin/db-roles.sql
