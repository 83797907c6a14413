module example.com/orders-team/orders

go 1.19
