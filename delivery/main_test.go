package delivery_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Downloads run goroutines and keep connections; none may outlive the
// tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
