//go:build !windows

package audit

import "os"

// syncDir makes a directory's entries durable: a created or renamed file
// survives a crash only once its directory is synced.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
