package audit_test

import (
	"testing"

	"go.uber.org/goleak"
)

// The PostgreSQL sink's pool starts goroutines, and the multi-process tests
// start readers of child processes' output; none may outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
