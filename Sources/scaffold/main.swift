import Scaffold
print("scaffold")
