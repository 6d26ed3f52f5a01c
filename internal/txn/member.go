// Package txn carries one member of a transaction (transaktionsdel) from
// the typed services of package building and address, which validate
// objects and map them to the wire, to bal.Transaction, which sends them.
// bal cannot import those packages, and users must not assemble members by
// hand (every member is validated by its service first), so the member type
// lives here, where only the module can name it.
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
}
