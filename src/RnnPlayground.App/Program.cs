Console.WriteLine("rnnplay");
