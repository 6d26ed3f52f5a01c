// Package extract reads Lantmäteriet's XML extracts of BAL ("xml-uttag",
// Fastighetsinformation Nedladdning, Adress och byggnad): the base extract
// a municipality compares its own data with before it goes live, and the
// change extracts and base extracts it resynchronises from afterwards.
//
// A delivery, as Geotorget Nedladdning hands it out (package delivery
// downloads it), is one or more zips, possibly in sub-folders
// ("byggnad/byggnad_1.zip", "belagenhetsadress_1.zip"), of numbered part
// files, "{mängd}_{n}.xml", with many objects each; or the same files
// unpacked. Open reads a zip or a folder, OpenFS any fs.FS, NewReader a zip
// held in an io.ReaderAt. Items yields the seven object types of packages
// building and address (Building, Entrance, Apartment, address Point, Area,
// CourtyardArea, District) as an iter.Seq2, one part file and one object at
// a time, so that a national extract of millions of objects is read in
// constant memory; Objects yields one type.
//
//	x, err := extract.Open("leverans", nil)
//	…
//	defer x.Close()
//	for b, err := range extract.Objects[building.Building](ctx, x) {
//		…
//	}
//
// A change extract (FORANDRING) holds deletes and inserts ("delete –
// insert": a changed object is deleted and inserted anew); Items yields them
// in file order and pairs nothing across files. The Manifest says which kind
// of extract it is, its coordinate system, and the change-feed position it
// is consistent with, from which a follower continues.
//
// The extract's element structure is not public: what is inside a part file
// is MODELLED on Lantmäteriet's information model, like the update binding
// (docs/extract.md describes it; its objects have the update binding's
// elements). This package's API does not depend on it: adopting
// Lantmäteriet's real structure changes the internal package that reads it,
// not the code that uses this one.
//
// Errors are *Error values naming the file, and inside a part file the line
// and byte offset of the offending element; they wrap ErrNotExtract,
// ErrMalformed, ErrInvalid, ErrTooLarge or ErrIncomplete. Part files are
// read with a fast XML tokenizer held to encoding/xml's reading of the same
// bytes by differential tests and fuzzing; hostile input (cut-off archives,
// endless tokens, deep nesting) is refused, never allowed to exhaust memory
// or panic.
package extract
