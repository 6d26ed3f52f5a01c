// Package geojson streams GeoJSON FeatureCollections of any size in and out, for exports of a
// municipality's data and as an input of the comparison.
//
// Geometries go through the geometry package's GeoJSON code (and its Transform and
// RoundCoordinates); this package adds the collection around them, typed properties, and the
// streaming.
//
// # Writing
//
// NewWriter writes the collection's header, Write one feature at a time, Close the end:
//
//	w, err := geojson.NewWriter(f, &geojson.WriterOptions{CRS: geometry.SWEREF99_1800, Name: "byggnad"})
//	…
//	err = w.Write(geojson.Feature{
//		ID:       "b1c2…",
//		Geometry: footprint, // any SRID the geometry package knows; transformed to the writer's CRS
//		Properties: []geojson.Property{
//			{Name: "andamal", Value: "Bostad"},
//			{Name: "version", Value: 3},
//			{Name: "andrad", Value: changedAt}, // time.Time → RFC 3339
//		},
//	})
//	…
//	err = w.Close()
//
// WriteAll does the same from an iter.Seq2. Two kinds of output:
//
//   - CRS 0: RFC 7946, longitude/latitude with no crs member. Geometries are transformed to
//     SWEREF 99 geographic (EPSG:4619), which agrees with WGS 84 to better than a metre, and
//     rounded to 8 decimals of a degree (1e-8° is 1.1 mm of latitude, 0.55 mm of longitude at
//     60° N: the rounding moves a point by at most about half a millimetre).
//   - A Swedish grid or compound code (3006, 3007–3018, 3847, 5845–5857): grid [E, N(, H)]
//     rounded to the millimetre, with the CRS named in the 2008 GeoJSON crs member,
//     {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}}, which GDAL, QGIS and
//     PostGIS read. RFC 7946 dropped that member, so such a file is GeoJSON 2008.
//
// Heights are metres rounded to the millimetre. In grid output they are kept where they exist
// and never invented: a 2D geometry written under a compound CRS (5845–5857) stays 2D. In
// RFC 7946 output a height would be read as ellipsoidal, which RH 2000 heights are not (the
// geoid lies 20–40 m above the ellipsoid in Sweden), so the caller chooses with
// WriterOptions.LonLatHeights: refused (the default, an error wrapping ErrHeights), dropped,
// or written as RH 2000 against the RFC's letter.
//
// # Reading
//
// Read walks the JSON tokens and decodes one feature at a time, so a collection of any size
// reads in constant memory:
//
//	for f, err := range geojson.Read(r, &geojson.ReadOptions{DefaultSRID: geometry.SWEREF99Geographic}) {
//		var fe *geojson.FeatureError
//		if errors.As(err, &fe) {
//			continue // one malformed feature; the rest still read
//		}
//		if err != nil {
//			return err
//		}
//		… f.Geometry.SRID() is the collection's crs member, or DefaultSRID (4326 when unset) …
//	}
//
// The crs member is read when it comes before the features, as every writer puts it; one that
// comes after them and disagrees gives ErrCRSAfterFeatures. Properties keep their order;
// numbers read as int64 when integral, else float64.
package geojson
