module example.com/finance/billing

go 1.19
