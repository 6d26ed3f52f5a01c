package casefile

import (
	"testing"

	"go.uber.org/goleak"
)

// Wait's timers and the client's connections must not outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
