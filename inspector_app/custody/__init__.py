"""Samples (抽样单), refusal / no-sample records and the tamper-evident chain of custody.

No Qt here. Modules: `records` (the sampling record service), `precheck` (conditions before
sampling), `site_records` (拒检认定 / 未抽到样品), `events` + `machine` (event types and the
allowed orders), `service` (appending events), `chain` + `verify` (hash chain and its
verification), `deadlines`, `status` (list stages), `signatures` and `numbers` (seams to the
evidence area and the shared number allocator).
"""
