package main

// Jobs on one buffered channel, four workers, results on another; the work is
// deterministic per job, so the sum of results is too.
func worker(jobs chan int, results chan int) {
	for j := range jobs {
		results <- j * 2 + 1
	}
}

func main() {
	jobs := make(chan int, 100)
	results := make(chan int, 100)
	for w := 0; w < 4; w++ {
		go worker(jobs, results)
	}
	for j := 0; j < 100; j++ {
		jobs <- j
	}
	close(jobs)
	s := 0
	for j := 0; j < 100; j++ {
		s += <-results
	}
	println(s)
}
