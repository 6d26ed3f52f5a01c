// Command apisize measures the module's public API: for every package a user
// can import (no internal/, no main packages), it counts the exported
// identifiers and the lines of `go doc -all`.
//
//	go run ./scripts/apisize            # from the module root
//	go run ./scripts/apisize -nodoc     # without the go doc line counts
//	go run ./scripts/apisize -list      # every exported name, one a line
//
// Counts: types, functions (package-level, including constructors doc
// attaches to a type), methods of exported types, constants, variables, and
// exported fields of exported struct types (counted separately, since a field
// is cheaper to learn than a function). A grouped const or var declaration
// counts each exported name.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
)

type counts struct {
	Types, Funcs, Methods, Consts, Vars, Fields, DocLines int
}

func (c counts) identifiers() int { return c.Types + c.Funcs + c.Methods + c.Consts + c.Vars }

func main() {
	noDoc := flag.Bool("nodoc", false, "skip `go doc -all` line counts")
	list := flag.Bool("list", false, "print every exported name (pkg.Name, pkg.Type.Method, pkg.Type.Field) instead of the table")
	flag.Parse()
	dirs, err := packageDirs(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "apisize:", err)
		os.Exit(1)
	}
	if *list {
		for _, dir := range dirs {
			names, err := exportedNames(dir)
			if err != nil {
				fmt.Fprintln(os.Stderr, "apisize:", dir, err)
				os.Exit(1)
			}
			for _, n := range names {
				fmt.Println(n)
			}
		}
		return
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "package\ttypes\tfuncs\tmethods\tconsts\tvars\tidents\tfields\tdoc lines\t")
	var total counts
	for _, dir := range dirs {
		c, ok, err := measure(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "apisize:", dir, err)
			os.Exit(1)
		}
		if !ok {
			continue
		}
		if !*noDoc {
			c.DocLines = docLines(dir)
		}
		total.Types += c.Types
		total.Funcs += c.Funcs
		total.Methods += c.Methods
		total.Consts += c.Consts
		total.Vars += c.Vars
		total.Fields += c.Fields
		total.DocLines += c.DocLines
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", dir, c.Types, c.Funcs, c.Methods, c.Consts, c.Vars, c.identifiers(), c.Fields, c.DocLines)
	}
	fmt.Fprintf(w, "total\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", total.Types, total.Funcs, total.Methods, total.Consts, total.Vars, total.identifiers(), total.Fields, total.DocLines)
	w.Flush()
}

// packageDirs lists the directories under root holding non-test Go files,
// leaving out internal/, testdata/, hidden and underscore directories.
func packageDirs(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "internal" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			seen[filepath.Dir(path)] = true
		}
		return nil
	})
	var dirs []string
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs, err
}

// packageDoc reads dir's package documentation; nil for a main package or a
// directory without non-test Go files.
func packageDoc(dir string) (*doc.Package, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name == "main" {
			return nil, nil
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, nil
	}
	return doc.NewFromFiles(fset, files, "./"+dir)
}

// measure counts dir's exported API; ok is false for main packages and
// directories without non-test files.
func measure(dir string) (counts, bool, error) {
	d, err := packageDoc(dir)
	if err != nil || d == nil {
		return counts{}, false, err
	}
	var c counts
	c.Funcs += len(d.Funcs)
	c.Consts += valueNames(d.Consts)
	c.Vars += valueNames(d.Vars)
	for _, t := range d.Types {
		c.Types++
		c.Funcs += len(t.Funcs)
		c.Methods += len(t.Methods)
		c.Consts += valueNames(t.Consts)
		c.Vars += valueNames(t.Vars)
		c.Fields += exportedFields(t.Decl)
	}
	return c, true, nil
}

// exportedNames lists dir's exported names, qualified by the directory:
// "bal.Client", "bal.Client.Do", "bal.Config.Logger".
func exportedNames(dir string) ([]string, error) {
	d, err := packageDoc(dir)
	if err != nil || d == nil {
		return nil, err
	}
	pkg := filepath.ToSlash(dir)
	var out []string
	values := func(prefix string, vs []*doc.Value) {
		for _, v := range vs {
			for _, n := range v.Names {
				if ast.IsExported(n) {
					out = append(out, prefix+n)
				}
			}
		}
	}
	values(pkg+".", d.Consts)
	values(pkg+".", d.Vars)
	for _, f := range d.Funcs {
		out = append(out, pkg+"."+f.Name)
	}
	for _, t := range d.Types {
		out = append(out, pkg+"."+t.Name)
		values(pkg+".", t.Consts)
		values(pkg+".", t.Vars)
		for _, f := range t.Funcs {
			out = append(out, pkg+"."+f.Name)
		}
		for _, m := range t.Methods {
			out = append(out, pkg+"."+t.Name+"."+m.Name)
		}
		for _, f := range fieldNames(t.Decl) {
			out = append(out, pkg+"."+t.Name+"."+f)
		}
	}
	sort.Strings(out)
	return out, nil
}

func fieldNames(decl *ast.GenDecl) []string {
	var out []string
	for _, spec := range decl.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok {
			continue
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		for _, f := range st.Fields.List {
			if len(f.Names) == 0 {
				if n := embeddedName(f.Type); ast.IsExported(n) {
					out = append(out, n)
				}
				continue
			}
			for _, n := range f.Names {
				if n.IsExported() {
					out = append(out, n.Name)
				}
			}
		}
	}
	return out
}

func valueNames(vs []*doc.Value) int {
	n := 0
	for _, v := range vs {
		for _, name := range v.Names {
			if ast.IsExported(name) {
				n++
			}
		}
	}
	return n
}

func exportedFields(decl *ast.GenDecl) int { return len(fieldNames(decl)) }

func embeddedName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.Ident:
		return t.Name
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(t.X)
	}
	return ""
}

func docLines(dir string) int {
	out, err := exec.Command("go", "doc", "-all", "./"+filepath.ToSlash(dir)).Output()
	if err != nil {
		return -1
	}
	return bytes.Count(out, []byte("\n"))
}
