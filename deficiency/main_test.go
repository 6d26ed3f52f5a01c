package deficiency

import (
	"testing"

	"go.uber.org/goleak"
)

// The client's connections must not outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
