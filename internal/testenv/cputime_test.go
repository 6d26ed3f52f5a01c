package testenv_test

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tjanstebaserad/bal-go/internal/testenv"
)

// CPUTime grows with work done; on a platform without getrusage it is 0.
func TestCPUTimeCountsWork(t *testing.T) {
	t.Parallel()
	c0 := testenv.CPUTime()
	if c0 == 0 {
		t.Skip("CPU time is not measured on this platform")
	}
	sum := sha256.Sum256(nil)
	// The clock's tick is coarse (1–10 ms): hash until it moves, which a
	// few milliseconds of work does.
	for i := 0; testenv.CPUTime() == c0; i++ {
		for range 1000 {
			sum = sha256.Sum256(sum[:])
		}
		if i > 1_000_000 {
			t.Fatal("CPU time does not move")
		}
	}
	assert.Greater(t, testenv.CPUTime(), c0)
}
