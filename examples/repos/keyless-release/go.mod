module github.com/example/hello-api

go 1.22
