"""Client side of the sync protocol (docs/SYNC_PROTOCOL.md): push the outbox, upload blobs
resumably, confirm completeness, pull the change feed, keep conflicts, top up number blocks.

Entry points: `engine.login`, `engine.run_sync`, `status.status`, `conflicts.resolve_conflict`,
`auto.AutoSync`. Nothing here imports Qt.

The package itself imports nothing: the engine pulls in the HTTP stack (requests, tus and
aiohttp, ≈ 0.2 s of imports), which the desktop loads only when it really syncs, never on the
UI thread. Import the module you need (`from inspector_app.sync.engine import run_sync`).
"""
