package bal

import (
	"testing"

	"go.uber.org/goleak"
)

// The client starts goroutines (token fetches, connection pools); none may
// outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
