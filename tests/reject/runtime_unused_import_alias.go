package main

import rt "runtime"

func main() {
}
