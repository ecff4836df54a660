package main

// A pool of workers takes jobs from one channel and sends results to another.
func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n = n / 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func worker(jobs chan int, results chan int) {
	for j := range jobs {
		results <- collatz(j)
	}
}

func main() {
	jobs := make(chan int, 10)
	results := make(chan int, 10)
	for w := 0; w < 4; w++ {
		go worker(jobs, results)
	}
	const N = 1000
	go func2(jobs, N)
	s := 0
	m := 0
	for i := 0; i < N; i++ {
		r := <-results
		s += r
		if r > m {
			m = r
		}
	}
	println(s, m)
}

func func2(jobs chan int, n int) {
	for i := 1; i <= n; i++ {
		jobs <- i
	}
	close(jobs)
}
