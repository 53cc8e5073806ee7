#!/bin/sh
# The hot standby of the `scaled` profile. On its first start it copies the primary with
# `pg_basebackup -R` (which writes standby.signal and primary_conninfo) through a physical
# replication slot, so the primary keeps the WAL the standby has not received while it is down;
# on every start it runs as a read-only hot standby streaming from the primary.
set -eu
: "${PRIMARY_HOST:?}" "${PGUSER:?}" "${PGPASSWORD:?}" "${STANDBY_SLOT:=standby_1}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -U "$PGUSER"; do sleep 1; done
  psql -h "$PRIMARY_HOST" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -c \
    "SELECT pg_create_physical_replication_slot('$STANDBY_SLOT') WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$STANDBY_SLOT')"
  pg_basebackup -h "$PRIMARY_HOST" -U "$PGUSER" -D "$PGDATA" -R -X stream -c fast -S "$STANDBY_SLOT"
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c idle_in_transaction_session_timeout=60000
