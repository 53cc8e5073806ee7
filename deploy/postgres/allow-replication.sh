#!/bin/sh
# Run once by the postgres image when it creates the primary's data directory: lets the standby
# of the `scaled` profile stream WAL with the same user and password as the service.
set -eu
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
