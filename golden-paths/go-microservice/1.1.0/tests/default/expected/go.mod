module example.com/payments-team/payments

go 1.19
