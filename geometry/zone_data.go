package geometry

// verifiedZones are the municipalities whose local SWEREF 99 zone was seen on the
// municipality's own website (geodesy.md §7, "Which local zone does a municipality use?").
// Nothing here is inferred: a municipality that is not listed has no row, and its zone comes
// from an override or a suggestion. Lantmäteriet publishes no machine-readable table of all
// 290 municipalities (geodesy.md §7: NOT FOUND).
//
// Kommunkoder were checked against a list of all 290 municipalities with SCB's codes
// (github.com/viktorbengtsson/pypsa-vgr, dashboard/MapSelector/map_selector/frontend/src/geo.ts,
// commit a882ec3f30d27589eb3b67a92ab5661fa37a4990); every one of the thirteen agrees.
var verifiedZones = []VerifiedZone{
	{Kommunkod: "1480", Municipality: "Göteborg", Zone: SWEREF99_1200,
		Source: "https://vartgoteborg.se/ovrigt/nytt-kartsystem-for-goteborg-underlattar-samarbete/"},
	{Kommunkod: "1487", Municipality: "Vänersborg", Zone: SWEREF99_1200, Heights: "RH 2000",
		Source: "https://vanersborg.se/bygga-bo-och-miljo/lantmateri-kartor-och-matning/kart--och-geodata/koordinatsystem"},
	{Kommunkod: "1492", Municipality: "Åmål", Zone: SWEREF99_1200, Heights: "RH 2000 (from 2017-09-15)",
		Source: "https://amal.se/bygga-bo-och-leva-hallbart/karta-mat-och-gis/referenssystem"},
	{Kommunkod: "1280", Municipality: "Malmö", Zone: SWEREF99_1330, Since: "2008", Heights: "RH 2000 (from 2011-01-01)",
		Source: "https://malmo.se/Bo-bygga--miljo/Lantmateri-kartor-och-matning/Koordinat---hojdsystem.html"},
	{Kommunkod: "1781", Municipality: "Kristinehamn", Zone: SWEREF99_1330, Heights: "RH 2000",
		Source: "https://www.kristinehamn.se/bygga-bo-och-leva/kartor-och-matning/koordinatsystem/"},
	{Kommunkod: "0586", Municipality: "Mjölby", Zone: SWEREF99_1500, Since: "2011-05-09", Heights: "RH 2000 (from 2013-05-20)",
		Source: "https://www.mjolby.se/21458.html"},
	{Kommunkod: "0562", Municipality: "Finspång", Zone: SWEREF99_1630, Since: "2012", Heights: "RH 2000 (from 2017-10-02)",
		Source: "http://finspang.se/Boende-och-miljo/Nyheter/2017/Kommunen-genomfor-byte-av-hojdsystem/"},
	{Kommunkod: "0139", Municipality: "Upplands-Bro", Zone: SWEREF99_1800, Since: "2010", Heights: "RH 2000 (from 2013-02-04)",
		Source: "https://www.upplands-bro.se/bo-bygga--miljo/kartor-och-mattjanster/om-geodata-i-upplands-bro-kommun.html"},
	{Kommunkod: "0183", Municipality: "Sundbyberg", Zone: SWEREF99_1800, Heights: "RH 2000 (from 2013-02-04)",
		Source: "https://www.sundbyberg.se/bygga-bo-miljo/kartor-och-mattjanster/hojdsystem.html"},
	{Kommunkod: "0181", Municipality: "Södertälje", Zone: SWEREF99_1800, Heights: "RH 2000 (from 2012-03-26)",
		Source: "https://www.sodertalje.se/bo-och-bygga/kartor/stompunkter/"},
	{Kommunkod: "2280", Municipality: "Härnösand", Zone: SWEREF99_1715, Since: "2011", Heights: "Härnösands lokala (RH 00-based), not RH 2000",
		Source: "https://www.harnosand.se/boendemiljoochtrafik/kartorochmatning/referenssystem.4.71907ec12e9a0f7268800033.html"},
	{Kommunkod: "2582", Municipality: "Boden", Zone: SWEREF99_2145, Heights: "RH 2000",
		Source: "https://www.boden.se/kommunen/samhalle-och-gator/kommunens-koordinatsystem"},
	{Kommunkod: "0180", Municipality: "Stockholm", Zone: SWEREF99_1800, Partial: true,
		Note:   "the city's open-data guide calls SWEREF 99 18 00 \"the most accurate choice for mapping applications at the local level around Stockholm\"; it does not say in so many words that the city's own data are in it",
		Source: "https://openstreetgs.stockholm.se/Home/Guide/TutChooseCoords"},
}
