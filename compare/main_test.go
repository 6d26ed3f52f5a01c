package compare_test

import (
	"testing"

	"go.uber.org/goleak"
)

// The comparison starts no goroutines; the end-to-end test starts a fake Lantmäteriet and
// clients, which must all be gone when it ends.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
