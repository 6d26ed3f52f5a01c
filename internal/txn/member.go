// Package txn carries one member of a transaction (transaktionsdel) from
// the typed services of package building and address, which validate
// objects and map them to the wire, to bal.Transaction, which sends them.
// bal cannot import those packages, and users must not add members by hand
// (every member is validated by its service first), so both the member type
// and the way in, Add, live here, where only the module can reach them.
package txn

import "github.com/tjanstebaserad/bal-go/internal/wire/update1"

// Member is one create, change or retirement of a transaction, already
// validated and mapped.
type Member struct {
	// Part is the member as it is sent: operation, action and object.
	Part update1.Transaktionsdel
	// Type is the object's type.
	Type update1.Objekttyp
	// ID is the object's objektidentitet; for a create it is assigned by
	// the client, so later members can refer to it.
	ID string
	// Record describes the member for the client's Recorder: a
	// bal.WriteObject (which this package cannot name, as bal imports it).
	Record any
}

// add is bal's: it appends a member to a *bal.Transaction. This package
// cannot name that type (bal imports this package), so bal installs the
// function when it is initialised, and Add checks the type.
var add func(tx any, m Member) error

// SetAdd installs bal's append; only package bal calls it, once, at
// initialisation.
func SetAdd(f func(tx any, m Member) error) { add = f }

// Add appends m to tx, a *bal.Transaction. It fails as the transaction's
// own append does: after a successful Commit it returns bal.ErrCommitted.
func Add(tx any, m Member) error { return add(tx, m) }
