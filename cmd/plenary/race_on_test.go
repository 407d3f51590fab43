//go:build race

package main

// slowdown stretches the SSH tests' waits under the race detector, which
// runs every program five to ten times slower, beside the other packages.
const slowdown = 4
