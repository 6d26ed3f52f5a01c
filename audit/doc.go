// Package audit keeps a tamper-evident record of every write a municipality
// makes to Lantmäteriet's registers (and to the national geodata platform),
// with the personal data in it held apart so that a retention policy
// (gallring) can remove them while the record, and the proof that no record
// was changed or removed, stays.
//
// # Recording
//
// Set Recorder.Hook as bal.Config.Recorder and every write the SDK makes is
// recorded: creates, changes and retirements (each round of Modify),
// transactions with each member, deficiency and case actions, and the
// national geodata platform's mottagningar, changes and uploads. The
// official who makes the write is set per call with WithActor; a write
// without one is not sent.
//
// A write is recorded in two steps: Recorder.Intend before it is sent (if
// the intent cannot be recorded, the write is not sent) and Pending.Settle
// with the answer. One idempotency key makes one record, however often the
// write is retried or repeated within KeyWindow. A record holds the
// recording organisation, the operation, the action (verksamhetsåtgärd),
// every object written with its versions before and after (and its own
// action, in a transaction), the idempotency key, the request id, the
// outcome (the receipts, or the typed error's HTTP status and fault code)
// and the geometry metadata of each geometry (method and accuracy in plan
// and height, time of survey, uncertain position, surveyor). No object
// bodies are recorded.
//
// An intent without an outcome (the process stopped while the write was in
// flight) reads as ResultUnknown; on the next start,
// Recorder.Reconcile(ctx, Versions(client), nil) settles such records from
// the objects' versions on the server.
//
// # Personal data
//
// The actor's id and name, the surveyor and the free-text comment are
// personal data. They are stored in a separate personal part (a second file,
// or a second table) together with the random salt of their digest; the
// chained entry holds only the salted digest. Removing the personal part,
// salt included, leaves the chain verifiable and the data unrecoverable.
//
// A Swedish personal identity number (personnummer or samordningsnummer)
// is never stored. An identifier holding one (the actor's id, the
// idempotency key, an object id) is refused with ErrIdentityNumber, since a
// masked identifier would name someone or something else; in every other
// field it is replaced by Masked (see MaskIdentityNumbers for the rules).
// MaskBody masks the free-text fields and identity numbers of a BAL or NGP
// request or response body for a log line.
//
// # Tamper evidence
//
// Entries form a chain: each carries the position and the MAC of the entry
// before it, and its own MAC, HMAC-SHA256 under a secret key
// (Options.Key). Without the key no entry can be changed, forged, removed,
// moved or copied without Recorder.Verify finding it and saying where. A
// chain cut short at an entry boundary, or rewritten whole by someone who
// holds the key, is found by comparing with heads exported earlier
// (Recorder.Head, VerifyOptions.Anchors): export them regularly to a place
// the chain's administrators cannot change. A PostgresSink also keeps its
// head in a table of its own, which finds a careless cut.
//
// # Sinks
//
// FileSink, the embedded default, is an append-only JSON-lines file (and
// its personal file), synced per entry and shared between processes under
// an OS file lock; a torn last line left by a crash is removed on open
// without losing a complete entry. PostgresSink keeps the chain in
// PostgreSQL, one transaction per entry under a row lock, so that writers
// in several processes keep one chain. Other stores implement Sink.
//
// # Retention
//
// Nothing is culled by default: culling is the decision of the
// municipality's archive authority. Recorder.Purge applies a Retention
// (personal data after so many days, whole records after so many years),
// records the purge in the chain so that verification continues from it,
// is crash-safe and idempotent.
//
// # Reading
//
// Recorder.Records selects records by object, actor, time and result;
// Recorder.ExportCSV and Recorder.ExportJSON write them for an archive.
package audit
