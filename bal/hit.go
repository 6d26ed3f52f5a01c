package bal

// Hit is a träff: one object found by a search of the update services,
// referring to the object's current version. Fetch the object itself with
// the typed service's Get.
type Hit struct {
	// Object names the object (objekttyp and objektidentitet).
	Object ObjectRef
	// Version is the object's current objektversion.
	Version Version
	// Label is the etikett: the object as text, e.g. "Storgatan 7A" for an
	// address point; empty when the server gave none.
	Label string
}
