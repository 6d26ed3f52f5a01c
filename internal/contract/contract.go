// Package contract holds verbatim copies of the project's hand-written
// contract documents (shared/contract: NGP Uppdatering, Lantmäteriet's and
// the gateway's faults, Geotorget Nedladdning), so that tests in a public
// clone, which has no shared/ folder, still read them. The copies live in
// testdata/; a test fails when they differ from ../shared/contract where
// that folder exists. Never edit the copies: change the document in
// shared/contract (by hand, saying why) and copy it here.
//
// Each file's name says what it is (shared/contract/README.md):
// "{operation}.request.json" a request body, "{operation}.{status}.json" an
// answer, "*.headers" the headers that matter.
package contract

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

//go:embed all:testdata
var files embed.FS

// FS is the documents, by their path under shared/contract
// ("faults/gateway-scope.403.json").
func FS() fs.FS {
	sub, err := fs.Sub(files, "testdata")
	if err != nil {
		panic(err) // testdata is embedded: it is there
	}
	return sub
}

// Read returns the document at name, e.g. "ngp/mottagning.201.json".
func Read(name string) ([]byte, error) {
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	return b, nil
}

// Documents lists the documents in folder dir ("faults", "ngp",
// "geotorget"), READMEs and header files left out, sorted.
func Documents(dir string) ([]string, error) {
	entries, err := fs.ReadDir(FS(), dir)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.EqualFold(n, "README.md") || strings.HasSuffix(n, ".headers") {
			continue
		}
		out = append(out, path.Join(dir, n))
	}
	return out, nil
}

// Status returns the HTTP status an answer document's name carries
// ("faults/gateway-scope.403.json" → 403), and 0 for a request document.
func Status(name string) int {
	parts := strings.Split(path.Base(name), ".")
	if len(parts) < 3 {
		return 0
	}
	n, err := strconv.Atoi(parts[len(parts)-2])
	if err != nil || n < 100 || n > 599 {
		return 0
	}
	return n
}
