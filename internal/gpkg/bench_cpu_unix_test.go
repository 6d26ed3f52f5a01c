//go:build unix

package gpkg

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used. On a machine shared with
// other work, CPU time per operation is steadier than wall time, which includes waiting for a
// core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
