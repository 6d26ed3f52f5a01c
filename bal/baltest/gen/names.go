package gen

// Word parts the names are built from. Street names combine a prefix and a
// suffix ("Björk" + "vägen"); district names a root and an ending ("Lö" +
// "vsta" is not how it works: "Löv" + "sta" is); village areas are
// district-like names; courtyard areas end in "gården".
var (
	streetPrefixes = []string{
		"Björk", "Ek", "Lind", "Tall", "Gran", "Rönn", "Asp", "Al", "Hassel", "Lönn",
		"Sjö", "Skogs", "Ängs", "Berg", "Kvarn", "Smedje", "Skol", "Kyrk", "Stations", "Hamn",
		"Park", "Bäck", "Mosse", "Hag", "Gärdes", "Lärk", "Syren", "Hägg", "Fläder", "Vide",
		"Myr", "Strand", "Bruks", "Mölle", "Prästgårds", "Post", "Tull", "Sågverks", "Bagar", "Skräddar",
		"Solros", "Blåbärs", "Lingon", "Hjortron", "Näktergals", "Lärkträds", "Tranbärs", "Vitsippe", "Kastanj", "Alm",
		"Sälg", "Hallon", "Körsbärs", "Äppel", "Plommon", "Päron", "Vallmo", "Klöver", "Linné", "Tegel",
		"Kopparslagar", "Garvar", "Repslagar", "Krukmakar", "Hantverkar", "Fiskar", "Båtsmans", "Soldat", "Ryttar", "Trädgårds",
		"Vattentorn", "Fyr", "Udde", "Holm", "Ås", "Dal", "Hed", "Kärr", "Lunds", "Torps",
		"Nore", "Söder", "Öster", "Väster", "Mellan", "Över", "Neder", "Gamla", "Nya", "Stora",
		"Lilla", "Långa", "Korta", "Breda", "Höga", "Gröna", "Vita", "Röda", "Blå", "Gula",
	}
	streetSuffixes = []string{"vägen", "gatan", "stigen", "gränd", "backen", "allén", "slingan", "gången", "längan", "leden"}

	districtRoots = []string{
		"Back", "Löv", "Sör", "Nor", "Öster", "Väster", "Björk", "Ek", "Lind", "Asp",
		"Ham", "Ber", "Kvarn", "Sjö", "Skog", "Äng", "Mos", "Hag", "Sand", "Sten",
		"Grön", "Gull", "Silver", "Jär", "Kopp", "Ull", "Fri", "Fager", "Hult", "Rud",
		"Tor", "Fre", "Oden", "Bro", "Vall", "Åker", "Gärd", "Lyck", "Öde", "Rör",
	}
	districtEndings = []string{
		"a", "sta", "by", "torp", "berg", "vik", "näs", "hult", "ryd", "mark",
		"holm", "dal", "ås", "lund", "fors", "bo", "sjö", "hed", "tuna", "inge",
	}
	courtyardPrefixes = []string{"Norr", "Söder", "Öster", "Väster", "Mellan", "Övre", "Nedre", "Stor", "Lill", "Ny"}
)
