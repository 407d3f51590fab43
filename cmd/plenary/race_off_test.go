//go:build !race

package main

// slowdown stretches the SSH tests' waits (see race_on_test.go).
const slowdown = 1
