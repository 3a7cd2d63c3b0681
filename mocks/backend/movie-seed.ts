import type { Movie } from '../../contract/movies.ts'

/** Real films with their real release years and genres; ratings are on a 0–10 scale. */
export const movieSeed: readonly Movie[] = [
  {
    id: 'dune-part-two-2024',
    title: 'Dune: Part Two',
    year: 2024,
    genres: ['Science Fiction', 'Adventure'],
    overview:
      'Paul Atreides joins the Fremen of the desert planet Arrakis and wrestles with a growing legend that could turn him into the spark of a galaxy-wide holy war.',
    rating: 8.5,
  },
  {
    id: 'oppenheimer-2023',
    title: 'Oppenheimer',
    year: 2023,
    genres: ['Drama', 'History'],
    overview:
      'The story of physicist J. Robert Oppenheimer as he leads the race to build the first atomic bomb, and the political reckoning that follows its success.',
    rating: 8.3,
  },
  {
    id: 'past-lives-2023',
    title: 'Past Lives',
    year: 2023,
    genres: ['Drama', 'Romance'],
    overview:
      'Two childhood friends from Seoul are separated when one family emigrates, then reconnect decades later in New York to ask what their bond still means.',
    rating: 7.8,
  },
  {
    id: 'spider-man-across-the-spider-verse-2023',
    title: 'Spider-Man: Across the Spider-Verse',
    year: 2023,
    genres: ['Animation', 'Action', 'Adventure'],
    overview:
      "Miles Morales is pulled across the multiverse, where a society of Spider-People has firm ideas about how every hero's story is supposed to go.",
    rating: 8.6,
  },
  {
    id: 'the-boy-and-the-heron-2023',
    title: 'The Boy and the Heron',
    year: 2023,
    genres: ['Animation', 'Fantasy', 'Adventure'],
    overview:
      'Grieving his mother during the war, young Mahito follows a talking grey heron into a strange, shifting world that exists alongside our own.',
    rating: 7.5,
  },
  {
    id: 'decision-to-leave-2022',
    title: 'Decision to Leave',
    year: 2022,
    genres: ['Mystery', 'Romance', 'Thriller'],
    overview:
      "A sleepless detective investigating a man's fatal fall from a mountain finds himself drawn to the dead man's composed, enigmatic widow.",
    rating: 7.3,
  },
  {
    id: 'everything-everywhere-all-at-once-2022',
    title: 'Everything Everywhere All at Once',
    year: 2022,
    genres: ['Action', 'Comedy', 'Science Fiction'],
    overview:
      'An overwhelmed laundromat owner in the middle of a tax audit discovers she can tap into the lives and skills of her countless parallel-universe selves.',
    rating: 7.8,
  },
  {
    id: 'top-gun-maverick-2022',
    title: 'Top Gun: Maverick',
    year: 2022,
    genres: ['Action', 'Drama'],
    overview:
      'Decades after his glory days, veteran Navy pilot Pete Mitchell is called back to train an elite squad of young aviators for a near-impossible mission.',
    rating: 8.2,
  },
  {
    id: 'drive-my-car-2021',
    title: 'Drive My Car',
    year: 2021,
    genres: ['Drama'],
    overview:
      'A stage actor and director, still mourning his wife, forms an unexpected connection with the reserved young woman assigned to drive his red Saab.',
    rating: 7.5,
  },
  {
    id: 'dune-2021',
    title: 'Dune',
    year: 2021,
    genres: ['Science Fiction', 'Adventure'],
    overview:
      'The heir of a noble house travels with his family to Arrakis, the most dangerous planet in the universe and the only source of its most precious resource.',
    rating: 8.0,
  },
  {
    id: 'parasite-2019',
    title: 'Parasite',
    year: 2019,
    genres: ['Comedy', 'Thriller', 'Drama'],
    overview:
      'A struggling family living in a semi-basement apartment schemes its way into the employ of a wealthy household, one carefully planned job at a time.',
    rating: 8.5,
  },
  {
    id: 'portrait-of-a-lady-on-fire-2019',
    title: 'Portrait of a Lady on Fire',
    year: 2019,
    genres: ['Drama', 'Romance'],
    overview:
      "On a remote Breton island in the 18th century, a painter is hired to secretly paint a reluctant bride-to-be's wedding portrait, and the two grow close.",
    rating: 8.1,
  },
  {
    id: 'burning-2018',
    title: 'Burning',
    year: 2018,
    genres: ['Mystery', 'Drama'],
    overview:
      'An aspiring writer reconnects with a girl from his hometown, only to grow uneasy about the wealthy, aloof man she brings back from a trip abroad.',
    rating: 7.5,
  },
  {
    id: 'spider-man-into-the-spider-verse-2018',
    title: 'Spider-Man: Into the Spider-Verse',
    year: 2018,
    genres: ['Animation', 'Action', 'Adventure'],
    overview:
      'Brooklyn teen Miles Morales gains spider powers and teams up with Spider-People from other dimensions to stop a threat to every reality.',
    rating: 8.4,
  },
  {
    id: 'shoplifters-2018',
    title: 'Shoplifters',
    year: 2018,
    genres: ['Drama', 'Crime'],
    overview:
      'A makeshift family in Tokyo gets by on petty theft and odd jobs, and quietly takes in a neglected little girl they find alone in the cold.',
    rating: 7.9,
  },
  {
    id: 'a-star-is-born-2018',
    title: 'A Star Is Born',
    year: 2018,
    genres: ['Drama', 'Music', 'Romance'],
    overview:
      'A seasoned country-rock star discovers a talented singer performing in a small bar, and their romance grows as her career begins to eclipse his own.',
    rating: 7.6,
  },
  {
    id: 'coco-2017',
    title: 'Coco',
    year: 2017,
    genres: ['Animation', 'Family', 'Music'],
    overview:
      "A music-loving Mexican boy whose family has banned music stumbles into the vibrant Land of the Dead on the Day of the Dead and seeks his idol's help.",
    rating: 8.4,
  },
  {
    id: 'get-out-2017',
    title: 'Get Out',
    year: 2017,
    genres: ['Horror', 'Mystery', 'Thriller'],
    overview:
      "A young Black photographer visits his white girlfriend's parents for a weekend getaway, where their overly warm welcome starts to feel deeply wrong.",
    rating: 7.7,
  },
  {
    id: 'blade-runner-2049-2017',
    title: 'Blade Runner 2049',
    year: 2017,
    genres: ['Science Fiction', 'Drama'],
    overview:
      'Thirty years after the original story, a new blade runner in Los Angeles uncovers a buried secret that could unravel what is left of society.',
    rating: 8.0,
  },
  {
    id: 'the-handmaiden-2016',
    title: 'The Handmaiden',
    year: 2016,
    genres: ['Drama', 'Romance', 'Thriller'],
    overview:
      "In 1930s Korea under Japanese rule, a pickpocket is hired as the maid of a secluded heiress as part of a con man's scheme to steal her fortune.",
    rating: 8.1,
  },
  {
    id: 'train-to-busan-2016',
    title: 'Train to Busan',
    year: 2016,
    genres: ['Action', 'Horror', 'Thriller'],
    overview:
      'A workaholic father and his young daughter board a high-speed train to Busan just as a sudden viral outbreak spreads chaos across South Korea.',
    rating: 7.6,
  },
  {
    id: 'your-name-2016',
    title: 'Your Name.',
    year: 2016,
    genres: ['Animation', 'Romance', 'Drama'],
    overview:
      'A city boy in Tokyo and a country girl in a mountain town mysteriously begin swapping bodies in their sleep, and set out to find each other.',
    rating: 8.4,
  },
  {
    id: 'la-la-land-2016',
    title: 'La La Land',
    year: 2016,
    genres: ['Drama', 'Music', 'Romance'],
    overview:
      'A jazz pianist and an aspiring actress fall in love in Los Angeles while chasing their dreams, until ambition starts pulling them in different directions.',
    rating: 8.0,
  },
  {
    id: 'arrival-2016',
    title: 'Arrival',
    year: 2016,
    genres: ['Science Fiction', 'Drama', 'Mystery'],
    overview:
      'When mysterious spacecraft touch down around the world, a linguist is recruited by the military to find a way to communicate with the visitors.',
    rating: 7.9,
  },
  {
    id: 'mad-max-fury-road-2015',
    title: 'Mad Max: Fury Road',
    year: 2015,
    genres: ['Action', 'Adventure', 'Science Fiction'],
    overview:
      'In a scorched post-apocalyptic wasteland, a drifter and a rebel commander flee a tyrant across the desert in a heavily armored war rig.',
    rating: 8.1,
  },
  {
    id: 'star-wars-the-force-awakens-2015',
    title: 'Star Wars: The Force Awakens',
    year: 2015,
    genres: ['Action', 'Adventure', 'Science Fiction'],
    overview:
      'Thirty years after the fall of the Empire, a scavenger, a defecting stormtrooper and a loyal droid are swept into the fight against the First Order.',
    rating: 7.8,
  },
  {
    id: 'interstellar-2014',
    title: 'Interstellar',
    year: 2014,
    genres: ['Science Fiction', 'Adventure', 'Drama'],
    overview:
      "With Earth's crops failing, a former pilot joins a team of explorers who travel through a wormhole in search of a new home for humanity.",
    rating: 8.7,
  },
  {
    id: 'the-grand-budapest-hotel-2014',
    title: 'The Grand Budapest Hotel',
    year: 2014,
    genres: ['Comedy', 'Drama'],
    overview:
      'A legendary concierge at a famous European hotel and his loyal lobby boy become entangled in the theft of a priceless painting and a family feud.',
    rating: 8.1,
  },
  {
    id: 'the-dark-knight-rises-2012',
    title: 'The Dark Knight Rises',
    year: 2012,
    genres: ['Action', 'Crime', 'Thriller'],
    overview:
      'Eight years after vanishing from Gotham, Batman is forced out of exile when a masked revolutionary named Bane threatens to tear the city apart.',
    rating: 8.4,
  },
  {
    id: 'inception-2010',
    title: 'Inception',
    year: 2010,
    genres: ['Action', 'Science Fiction', 'Adventure'],
    overview:
      "A skilled thief who steals secrets from people's dreams is offered a chance at redemption if he can plant an idea in a target's mind instead.",
    rating: 8.8,
  },
  {
    id: 'the-dark-knight-2008',
    title: 'The Dark Knight',
    year: 2008,
    genres: ['Action', 'Crime', 'Drama'],
    overview:
      'Batman, Lieutenant Gordon and District Attorney Harvey Dent join forces against organized crime in Gotham, until a chaotic criminal called the Joker appears.',
    rating: 9.0,
  },
  {
    id: 'wall-e-2008',
    title: 'WALL-E',
    year: 2008,
    genres: ['Animation', 'Family', 'Science Fiction'],
    overview:
      'Centuries after humans abandoned a trash-covered Earth, a lonely waste-collecting robot falls for a sleek probe droid and follows her into space.',
    rating: 8.4,
  },
  {
    id: 'the-chaser-2008',
    title: 'The Chaser',
    year: 2008,
    genres: ['Crime', 'Thriller'],
    overview:
      'A disgraced ex-detective turned pimp realizes his missing women may be linked to one client, and races the clock through the streets of Seoul.',
    rating: 7.8,
  },
  {
    id: 'pans-labyrinth-2006',
    title: "Pan's Labyrinth",
    year: 2006,
    genres: ['Fantasy', 'Drama', 'War'],
    overview:
      "In post-civil-war Spain, a young girl living under her cruel stepfather's roof discovers an overgrown labyrinth and a faun who gives her three tasks.",
    rating: 8.2,
  },
  {
    id: 'the-host-2006',
    title: 'The Host',
    year: 2006,
    genres: ['Horror', 'Science Fiction', 'Drama'],
    overview:
      "When a monstrous creature rises from Seoul's Han River and snatches a young girl, her bumbling but devoted family sets out to bring her back.",
    rating: 7.1,
  },
  {
    id: 'howls-moving-castle-2004',
    title: "Howl's Moving Castle",
    year: 2004,
    genres: ['Animation', 'Fantasy', 'Adventure'],
    overview:
      'A shy young hatmaker is cursed by a jealous witch and seeks refuge in the walking castle of Howl, a vain and mysterious wizard.',
    rating: 8.2,
  },
  {
    id: 'eternal-sunshine-of-the-spotless-mind-2004',
    title: 'Eternal Sunshine of the Spotless Mind',
    year: 2004,
    genres: ['Romance', 'Drama', 'Science Fiction'],
    overview:
      'After a painful breakup, a quiet man learns his ex-girlfriend had him erased from her memory, and decides to undergo the very same procedure.',
    rating: 8.3,
  },
  {
    id: 'memories-of-murder-2003',
    title: 'Memories of Murder',
    year: 2003,
    genres: ['Crime', 'Mystery', 'Thriller'],
    overview:
      "In rural South Korea in 1986, two mismatched detectives and a sharp investigator from Seoul struggle to catch the country's first known serial killer.",
    rating: 8.1,
  },
  {
    id: 'oldboy-2003',
    title: 'Oldboy',
    year: 2003,
    genres: ['Drama', 'Mystery', 'Thriller'],
    overview:
      'An ordinary man is abducted and locked in a private cell for fifteen years without explanation, then suddenly released and given five days to find out why.',
    rating: 8.3,
  },
  {
    id: 'love-actually-2003',
    title: 'Love Actually',
    year: 2003,
    genres: ['Comedy', 'Romance'],
    overview:
      'In the weeks before Christmas in London, a prime minister, a grieving widower, a writer and many others stumble through the joys and messes of love.',
    rating: 7.6,
  },
  {
    id: 'spirited-away-2001',
    title: 'Spirited Away',
    year: 2001,
    genres: ['Animation', 'Fantasy', 'Family'],
    overview:
      'While moving to a new town, ten-year-old Chihiro wanders into a world of spirits and must work in a bathhouse for the gods to free her parents.',
    rating: 8.6,
  },
  {
    id: 'amelie-2001',
    title: 'Amélie',
    year: 2001,
    genres: ['Comedy', 'Romance'],
    overview:
      'A shy, imaginative waitress in Montmartre decides to secretly improve the lives of the people around her, while hesitating to pursue happiness of her own.',
    rating: 8.3,
  },
  {
    id: 'the-lord-of-the-rings-the-fellowship-of-the-ring-2001',
    title: 'The Lord of the Rings: The Fellowship of the Ring',
    year: 2001,
    genres: ['Adventure', 'Fantasy', 'Action'],
    overview:
      'A humble hobbit from the Shire inherits a powerful ring and sets out with eight companions on a perilous journey to destroy it before evil reclaims it.',
    rating: 8.9,
  },
  {
    id: 'in-the-mood-for-love-2000',
    title: 'In the Mood for Love',
    year: 2000,
    genres: ['Drama', 'Romance'],
    overview:
      'In 1960s Hong Kong, a journalist and a secretary who live in neighboring rooms grow close after suspecting that their spouses are having an affair.',
    rating: 8.1,
  },
  {
    id: 'crouching-tiger-hidden-dragon-2000',
    title: 'Crouching Tiger, Hidden Dragon',
    year: 2000,
    genres: ['Action', 'Adventure', 'Romance'],
    overview:
      'When a legendary sword is stolen in Qing-dynasty China, a retiring warrior and his longtime companion pursue the thief, a gifted young noblewoman.',
    rating: 7.9,
  },
  {
    id: 'the-matrix-1999',
    title: 'The Matrix',
    year: 1999,
    genres: ['Action', 'Science Fiction'],
    overview:
      'A computer hacker learns from a band of rebels that the world he knows is a simulation, and joins their fight against the machines that built it.',
    rating: 8.7,
  },
  {
    id: 'princess-mononoke-1997',
    title: 'Princess Mononoke',
    year: 1997,
    genres: ['Animation', 'Fantasy', 'Adventure'],
    overview:
      'Cursed by a rampaging boar god, a young prince travels west and finds himself caught between an ironworks town and the forest spirits it is destroying.',
    rating: 8.4,
  },
  {
    id: 'pulp-fiction-1994',
    title: 'Pulp Fiction',
    year: 1994,
    genres: ['Crime', 'Thriller'],
    overview:
      "The lives of two philosophical hitmen, a boxer, a gangster's wife and a pair of diner robbers intertwine across a few eventful days in Los Angeles.",
    rating: 8.9,
  },
  {
    id: 'the-shawshank-redemption-1994',
    title: 'The Shawshank Redemption',
    year: 1994,
    genres: ['Drama', 'Crime'],
    overview:
      'Banker Andy Dufresne is sentenced to life in Shawshank prison for a crime he insists he did not commit, and forms an enduring friendship with a fellow inmate.',
    rating: 9.3,
  },
  {
    id: 'schindlers-list-1993',
    title: "Schindler's List",
    year: 1993,
    genres: ['Drama', 'History', 'War'],
    overview:
      'In German-occupied Poland, industrialist Oskar Schindler gradually becomes concerned for his Jewish workforce and risks everything to protect them.',
    rating: 9.0,
  },
  {
    id: 'the-silence-of-the-lambs-1991',
    title: 'The Silence of the Lambs',
    year: 1991,
    genres: ['Crime', 'Thriller', 'Horror'],
    overview:
      'An FBI trainee seeks help from an imprisoned, brilliant psychiatrist with a taste for human flesh to catch a serial killer who is still at large.',
    rating: 8.6,
  },
  {
    id: 'akira-1988',
    title: 'Akira',
    year: 1988,
    genres: ['Animation', 'Action', 'Science Fiction'],
    overview:
      'In the neon-lit ruins of Neo-Tokyo, a biker gang leader tries to save his friend after a secret government project awakens terrifying psychic powers in him.',
    rating: 8.0,
  },
  {
    id: 'my-neighbor-totoro-1988',
    title: 'My Neighbor Totoro',
    year: 1988,
    genres: ['Animation', 'Family', 'Fantasy'],
    overview:
      'Two young sisters move to the countryside to be near their ailing mother, and befriend the gentle, furry forest spirits living in the woods nearby.',
    rating: 8.1,
  },
  {
    id: 'grave-of-the-fireflies-1988',
    title: 'Grave of the Fireflies',
    year: 1988,
    genres: ['Animation', 'Drama', 'War'],
    overview:
      'In the final months of the Second World War, a teenage boy and his little sister struggle to survive on their own after firebombing destroys their home in Kobe.',
    rating: 8.5,
  },
  {
    id: 'back-to-the-future-1985',
    title: 'Back to the Future',
    year: 1985,
    genres: ['Adventure', 'Comedy', 'Science Fiction'],
    overview:
      'A teenager is accidentally sent thirty years into the past in a time-traveling DeLorean and must make sure his parents fall in love so he can get home.',
    rating: 8.5,
  },
  {
    id: 'ran-1985',
    title: 'Ran',
    year: 1985,
    genres: ['Action', 'Drama', 'War'],
    overview:
      'An aging warlord in feudal Japan divides his realm among his three sons, setting off a bitter struggle for power that tears his family apart.',
    rating: 8.2,
  },
  {
    id: 'blade-runner-1982',
    title: 'Blade Runner',
    year: 1982,
    genres: ['Science Fiction', 'Drama', 'Thriller'],
    overview:
      'In a rain-soaked Los Angeles of 2019, a weary detective is assigned to hunt down a group of artificial humans who have returned to Earth illegally.',
    rating: 8.1,
  },
  {
    id: 'raiders-of-the-lost-ark-1981',
    title: 'Raiders of the Lost Ark',
    year: 1981,
    genres: ['Action', 'Adventure'],
    overview:
      'Archaeologist and adventurer Indiana Jones races against Nazi agents across the globe to find the legendary Ark of the Covenant before they do.',
    rating: 8.4,
  },
  {
    id: 'star-wars-the-empire-strikes-back-1980',
    title: 'Star Wars: The Empire Strikes Back',
    year: 1980,
    genres: ['Action', 'Adventure', 'Science Fiction'],
    overview:
      "As the Empire hunts the rebels across the galaxy, Luke Skywalker seeks out an old Jedi master while his friends flee from Darth Vader's relentless pursuit.",
    rating: 8.7,
  },
  {
    id: 'alien-1979',
    title: 'Alien',
    year: 1979,
    genres: ['Horror', 'Science Fiction'],
    overview:
      'The crew of a commercial space tug answers a distress signal from an uncharted moon and unknowingly brings a deadly lifeform back on board.',
    rating: 8.5,
  },
  {
    id: 'star-wars-1977',
    title: 'Star Wars',
    year: 1977,
    genres: ['Adventure', 'Action', 'Science Fiction'],
    overview:
      'A farm boy on a desert planet joins a Jedi knight, a smuggler and two droids to rescue a captured princess and take on the Galactic Empire.',
    rating: 8.6,
  },
  {
    id: 'the-godfather-1972',
    title: 'The Godfather',
    year: 1972,
    genres: ['Crime', 'Drama'],
    overview:
      'The aging patriarch of a powerful New York crime family reluctantly watches as his youngest son, a war hero, is drawn into the family business.',
    rating: 9.2,
  },
  {
    id: '2001-a-space-odyssey-1968',
    title: '2001: A Space Odyssey',
    year: 1968,
    genres: ['Science Fiction', 'Adventure', 'Mystery'],
    overview:
      'After a mysterious black monolith is found buried on the Moon, a crew sets out for Jupiter aboard a ship controlled by an eerily calm supercomputer.',
    rating: 8.3,
  },
  {
    id: 'the-good-the-bad-and-the-ugly-1966',
    title: 'The Good, the Bad and the Ugly',
    year: 1966,
    genres: ['Western'],
    overview:
      'During the American Civil War, three gunslingers form uneasy alliances and betray one another in a hunt for a fortune in stolen Confederate gold.',
    rating: 8.8,
  },
  {
    id: 'lawrence-of-arabia-1962',
    title: 'Lawrence of Arabia',
    year: 1962,
    genres: ['Adventure', 'Drama', 'History'],
    overview:
      'A restless British army officer is sent to the Arabian desert during the First World War, where he helps unite rival tribes in a revolt against the Turks.',
    rating: 8.3,
  },
  {
    id: 'vertigo-1958',
    title: 'Vertigo',
    year: 1958,
    genres: ['Mystery', 'Romance', 'Thriller'],
    overview:
      "A retired San Francisco detective with a fear of heights is hired to follow an old friend's wife, whose strange behavior draws him into an obsession.",
    rating: 8.3,
  },
  {
    id: 'seven-samurai-1954',
    title: 'Seven Samurai',
    year: 1954,
    genres: ['Action', 'Drama'],
    overview:
      'A poor farming village in 16th-century Japan, tired of raids by bandits, recruits seven masterless samurai to defend it through the harvest.',
    rating: 8.6,
  },
  {
    id: 'rear-window-1954',
    title: 'Rear Window',
    year: 1954,
    genres: ['Mystery', 'Thriller'],
    overview:
      'Stuck in his apartment with a broken leg, a photographer passes the time watching his neighbors and becomes convinced one of them has committed murder.',
    rating: 8.5,
  },
  {
    id: 'singin-in-the-rain-1952',
    title: "Singin' in the Rain",
    year: 1952,
    genres: ['Comedy', 'Music', 'Romance'],
    overview:
      'As Hollywood rushes from silent pictures to talkies, a popular leading man, his best friend and a talented newcomer scramble to save a troubled production.',
    rating: 8.3,
  },
  {
    id: 'bicycle-thieves-1948',
    title: 'Bicycle Thieves',
    year: 1948,
    genres: ['Drama'],
    overview:
      'In postwar Rome, a poor father finally lands a job that requires a bicycle, and when it is stolen on his first day he and his young son search the city for it.',
    rating: 8.3,
  },
  {
    id: 'its-a-wonderful-life-1946',
    title: "It's a Wonderful Life",
    year: 1946,
    genres: ['Drama', 'Family', 'Fantasy'],
    overview:
      'On a desperate Christmas Eve, a kind-hearted small-town banker is visited by a guardian angel who shows him what his town would be like without him.',
    rating: 8.6,
  },
  {
    id: 'casablanca-1942',
    title: 'Casablanca',
    year: 1942,
    genres: ['Drama', 'Romance', 'War'],
    overview:
      'In wartime Morocco, a cynical American nightclub owner is stunned when his former lover walks into his bar with her husband, a hunted resistance leader.',
    rating: 8.5,
  },
]
