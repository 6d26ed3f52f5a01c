// Package live holds the suite that vendors run against Lantmäteriet's
// Verifiering environment before going live. Its tests are behind the
// build tag verifiering; see docs/verifiering.md for how to run them.
package live
