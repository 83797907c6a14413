module example.com/sessions-team/sessions

go 1.19
