// Package feedobj carries the object a change of the feed holds (objekt=med)
// from package bal, which decodes the feed but cannot import the typed
// packages, to building and address, which map it to their model types
// (building.FromChange …). bal installs the accessor when it is initialised;
// users never see the wire object.
package feedobj

import "github.com/tjanstebaserad/bal-go/internal/wire/update1"

var object func(body any) update1.Objekt

// SetObject installs bal's accessor; only package bal calls it, once, at
// initialisation.
func SetObject(f func(body any) update1.Objekt) { object = f }

// Object returns the wire object of body, a *bal.ObjectBody, or nil.
func Object(body any) update1.Objekt { return object(body) }
