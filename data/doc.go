// Package data holds what plenary knows about countries and the data files
// that come with a meeting: the built-in country table, the sanitiser every
// string from a file passes through before it reaches a terminal, and the
// embedded bundle of the 2017 OECD Expert Group Meeting on Open Government
// Data. Later it also owns indices, editions and scores.
package data
