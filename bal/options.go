package bal

// GetOptions selects what Get returns from the update services; nil means
// the current version in the CRS the server stores it in.
type GetOptions struct {
	// Version asks for this objektversion instead of the current one; zero
	// means the current version. Earlier versions carry their
	// versionGiltigTill.
	Version Version
	// SRID reprojects the object's geometry (a building's surfaces, an
	// address point's position) to this CRS on the client, with package
	// geometry's Transform, e.g. the municipality's local SWEREF 99 zone;
	// zero keeps the server's CRS.
	SRID int
}

// DefaultModifyAttempts is how many read–change–write rounds Modify makes
// before it gives up on an object that keeps changing under it.
const DefaultModifyAttempts = 3

// ModifyOptions tunes the typed services' Modify; nil means the
// defaults.
type ModifyOptions struct {
	// MaxAttempts bounds the read–change–write rounds: a round that meets a
	// version conflict (someone else changed the object in between) reads
	// the object again and re-applies the change. 0 means
	// DefaultModifyAttempts.
	MaxAttempts int
}
